export * from './serveGraphiql.js';
