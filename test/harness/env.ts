// Imported before n8n-core: n8n's user folder goes to a temp dir, never the home folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'awin-n8n-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

