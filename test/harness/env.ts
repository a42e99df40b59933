// Imported before n8n-core: n8n's user folder goes to a temp dir, never the home folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

if (!process.env.N8N_USER_FOLDER) {
	// One per process (n8n writes its config there), inside the jest run's folder when there is one
	// (test/user-folder-setup.cjs removes that at the end); outside jest, removed when the process ends.
	const folder = mkdtempSync(path.join(process.env.AWIN_TEST_TMP ?? tmpdir(), 'awin-n8n-'));
	process.env.N8N_USER_FOLDER = folder;
	process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
