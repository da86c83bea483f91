// What the console's browser tests share: the npm packages, the demo data, the built
// owidget-server and headless Chromium. console.test.mjs and console-qt.test.mjs use it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The npm packages of this folder: `npm ci` here, or owidget_install_console_deps.
export async function importPackage(name) {
  try {
    return await import(name);
  } catch (err) {
    throw new Error(`cannot load '${name}' (${err.message}); run \`npm ci\` in tests/console, ` +
      'or owidget_install_console_deps from scripts/lib/console-deps.sh');
  }
}
const { chromium } = await importPackage('playwright-core');

const here = path.dirname(fileURLToPath(import.meta.url));
export const sourceRoot = path.resolve(here, '..', '..');
export const demoFile = path.join(sourceRoot, 'server', 'demo', 'demo.json');
export const STEP_TIMEOUT = 10_000;

// ---- The demo data: which company and preset Alice answers -------------------------------------

// Returns { company, preset, language, features, fields } for a preset of the demo company served by Alice's groups.
export function demoPresetFor(login) {
  const demo = JSON.parse(fs.readFileSync(demoFile, 'utf8'));
  const companies = Array.isArray(demo.companies) ? demo.companies : [demo.company ?? demo];
  for (const company of companies) {
    const operator = (company.operators ?? demo.operators ?? []).find((o) => o.login === login);
    if (!operator) continue;
    const groups = new Set(operator.groups ?? []);
    const presets = company.presets ?? [];
    const preset = presets.find((p) => (p.groups ?? []).some((g) => groups.has(g)));
    assert.ok(preset, `no preset of ${demoFile} is served by ${login}'s groups`);
    return {
      company: company.id, preset: preset.name, language: preset.defaultLanguage ?? '',
      features: preset.features ?? {}, fields: preset.fields ?? [],
    };
  }
  assert.fail(`${demoFile} has no operator '${login}'`);
}

export function findChromium() {
  if (process.env.OWIDGET_CHROMIUM) return process.env.OWIDGET_CHROMIUM;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch { /* not here */ }
    }
  }
  assert.fail('chromium was not found on PATH (Debian: apt-get install chromium); or set OWIDGET_CHROMIUM');
}

// ---- The server --------------------------------------------------------------------------------

// Starts the server on `listen` with the database in `dir`; imports the demo data unless told not to.
export async function startServer(dir, { listen = '127.0.0.1:0', importDemo = true } = {}) {
  const binary = process.env.OWIDGET_SERVER;
  assert.ok(binary, 'set OWIDGET_SERVER to the built owidget-server binary');
  assert.ok(fs.existsSync(binary), `OWIDGET_SERVER=${binary} does not exist`);
  const args = ['--listen', listen, '--db', path.join(dir, 'db.sqlite')];
  if (importDemo) args.push('--import', demoFile);
  const child = spawn(binary, args, { cwd: sourceRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  // Whatever ends this process (a timeout, an exception), the server does not outlive it.
  const orphanGuard = () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); };
  process.on('exit', orphanGuard);
  exited.then(() => process.off('exit', orphanGuard));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server printed no 'listening on' line:\n${log}`)),
      20_000);
    const onData = (chunk) => {
      log += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}, signal ${signal}) before listening:\n${log}`));
    });
  });
  return {
    url,
    log: () => log,
    // SIGTERM, then the exit status; SIGKILL if it does not stop within 10 s.
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

// ---- The browser -------------------------------------------------------------------------------

// Headless Chromium with one page; every dialog the page opens is dismissed and recorded, and so
// is every error it throws.
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const dialogs = [];
  const pageErrors = [];
  // Resources the page asked for and did not get (a favicon too, which no response event shows).
  const missing = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1360, height: 820 }, locale: 'en-GB' });
    context.setDefaultTimeout(STEP_TIMEOUT);
    const page = await context.newPage();
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && /status of 404/.test(m.text())) missing.push(m.text());
    });
    return { browser, context, page, dialogs, pageErrors, missing };
  } catch (err) {
    await browser.close().catch(() => {});
    throw err;
  }
}
