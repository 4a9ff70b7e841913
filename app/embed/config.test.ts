import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAllowedOrigin, parseEmbedConfig } from './config';

const OWN = 'https://pyrite.example';

test('defaults to the editor layout, auto height and the own origin only', () => {
  const config = parseEmbedConfig('', OWN);
  assert.deepEqual(config, {
    layout: 'editor',
    theme: null,
    autorun: false,
    readOnly: false,
    height: 'auto',
    allowedOrigins: [OWN],
  });
  assert.equal(isAllowedOrigin(config, OWN), true);
  assert.equal(isAllowedOrigin(config, 'https://evil.example'), false);
});

test('reads the options from the query', () => {
  const config = parseEmbedConfig('?layout=console&theme=light&autorun=1&readonly&height=300', OWN);
  assert.equal(config.layout, 'console');
  assert.equal(config.theme, 'light');
  assert.equal(config.autorun, true);
  assert.equal(config.readOnly, true);
  assert.equal(config.height, 300);
});

test('adds normalised origins from the query and the data attribute', () => {
  const config = parseEmbedConfig(
    '?origins=https://Host.example:443/page,not-a-url,http://localhost:8000',
    OWN,
    'https://docs.example',
  );
  assert.deepEqual(config.allowedOrigins, [
    OWN,
    'https://host.example',
    'http://localhost:8000',
    'https://docs.example',
  ]);
  assert.equal(isAllowedOrigin(config, 'https://host.example'), true);
  assert.equal(isAllowedOrigin(parseEmbedConfig('?origins=*', OWN), 'https://any.example'), true);
});
