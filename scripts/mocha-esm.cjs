// Node 20.19+ can require() ES modules, and mocha 12 then loads spec files with require(),
// which bypasses ts-node's ESM loader hooks (a .ts file would be read as plain JavaScript).
// Reporting the feature as absent makes mocha import() every spec through the loader.
Object.defineProperty(process.features, 'require_module', { value: false });
