export { BarsService, type BarsServiceDeps } from './bars-service';
