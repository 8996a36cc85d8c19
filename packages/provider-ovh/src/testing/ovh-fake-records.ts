/** An instance as the fake keeps it. */
export interface OvhFakeInstance {
  id: string;
  name: string;
  region: string;
  flavorId: string;
  imageId: string;
  /** The user-data exactly as sent: plain text. */
  userData: string | undefined;
  monthlyBilling: boolean;
  created: string;
  /** `BUILD` until read `readsUntilActive` times; `ERROR` for a creation the fake failed. */
  status: 'BUILD' | 'ACTIVE' | 'SHUTOFF' | 'ERROR' | 'DELETING';
  /** Index for its addresses, assigned when it turns active. */
  addressIndex: number;
  /** Fails instead of turning active (see `failNextCreation`). */
  failure: string | undefined;
  addressing: 'public' | 'private-only' | 'none';
}
