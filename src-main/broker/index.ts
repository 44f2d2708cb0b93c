/** The broker's public face: the app wires `createBroker`; services depend on the BrokerPort interface only. */
export { createBroker, IbBroker, type BrokerOptions } from './ib-broker';
export type * from './port';
