#!/bin/sh
# A small user-data script: serves a page on port 80. Any cloud-init user-data works the same.
set -eu
apt-get update -q
apt-get install -y -q nginx
echo "hello from $(hostname)" > /var/www/html/index.html
systemctl enable --now nginx
