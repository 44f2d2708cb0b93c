// Redirects `import ... from 'electron'` to a recording stand-in, so the production main bundle can boot
// under plain Node (no Electron binary can be downloaded here).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
