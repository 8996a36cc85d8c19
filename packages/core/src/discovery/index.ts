export { findPluginPackages, type PluginPackage } from './find-plugin-packages.js';
export { type LoadPluginsResult, loadPlugins } from './load-plugins.js';
