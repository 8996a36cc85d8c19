export { OpenStackContractFake } from './openstack-contract-fake.js';
export { emulated } from './openstack-emulated.js';
export {
  CREATE_SERVER_OPERATION,
  MAX_COMPUTE_MICROVERSION,
  OPENSTACK_FAKE_APPLICATION_CREDENTIAL,
  OPENSTACK_FAKE_PASSWORD,
  OPENSTACK_FAKE_URL,
  OpenStackFake,
  type OpenStackFakeOptions,
  openStackFakeSettings,
} from './openstack-fake.js';
export {
  FAKE_FLAVORS,
  FAKE_IMAGES,
  FAKE_KEYSTONE_REGIONS,
  FAKE_PROJECT,
  FAKE_REGIONS,
  FAKE_USER,
} from './openstack-fake-catalog.js';
export type {
  FakeFloatingIp,
  FakeNetwork,
  FakePort,
  FakeSecurityGroup,
  FakeServer,
} from './openstack-fake-records.js';
