export * from './intent';
export * from './limits';
export * from './context';
export * from './prices';
export * from './exposure';
export * from './check-intent';
