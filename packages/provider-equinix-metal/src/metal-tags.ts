import { createFlatTagCodec, createManagedFlatTags } from '@provision/provider-utils';

// Device tags are plain strings (`tags: [string]` on create and in the answer); the listing
// filters on one (`?tag=`). The description sets no syntax or length: the codec keeps letters,
// digits, ":", ".", "=", "-" and "_" and 255 characters, escaping anything else.
export const metalTags = createFlatTagCodec({ separator: ':', allowed: /[A-Za-z0-9_:.=-]/, maxLength: 255 });

/** The managed, owner and identity tags of devices (the manifest's `hostTags`), and what a device's tags say. */
export const metalManagedTags = createManagedFlatTags(metalTags);
