// A stand-in for the parts of Electron's main-process API the shell uses; it reports what the shell did.
const report = (line) => process.stdout.write(`SHIM ${line}\n`);
const handlers = [];

export const app = {
  requestSingleInstanceLock: () => true,
  quit: () => report('quit'),
  exit: (code) => process.exit(code),
  on: () => undefined,
  whenReady: () => Promise.resolve(),
  getPath: () => process.env.SHIM_USER_DATA,
  getVersion: () => '0.0.0-shim',
  getAppPath: () => process.cwd(),
};

export class BrowserWindow {
  constructor(options) {
    report(`window ${JSON.stringify(options)}`);
    this.webContents = { id: 1, send: () => undefined };
  }
  once() {}
  on() {}
  isDestroyed() {
    return false;
  }
  focus() {}
  show() {}
  async loadURL(url) {
    report(`loadURL ${url}`);
  }
  async loadFile(file) {
    report(`handlers ${JSON.stringify(handlers)}`);
    report(`loadFile ${file}`);
  }
}

// main.ts reports startup notices and failures in dialogs; the shim prints them instead.
export const dialog = {
  showMessageBox: async (_win, o) => (console.log(`dialog: ${(o ?? _win)?.message ?? ''}`), { response: 0 }),
  showMessageBoxSync: (_win, o) => (console.log(`dialog: ${(o ?? _win)?.message ?? ''}`), 0),
  showErrorBox: (title, content) => console.log(`error box: ${title}: ${content}`),
};

export const ipcMain = {
  handle: (channel) => handlers.push(channel),
  removeHandler: () => undefined,
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    setDevicePermissionHandler: () => undefined,
    webRequest: { onHeadersReceived: () => undefined },
  },
  fromPartition: () => ({ webRequest: { onBeforeRequest: () => undefined } }),
};

// No keychain here (as on Linux without one): the shell keeps secrets in memory.
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: () => {
    throw new Error('Encryption is not available.');
  },
  decryptString: () => {
    throw new Error('Encryption is not available.');
  },
};
