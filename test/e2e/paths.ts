/** Where the end-to-end host listens and keeps its database; shared by the config and the tests. */
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// Overridable so two people (or helpers) on one machine can run the suite at once.
export const e2e_port = Number(process.env.CENTAVO_E2E_PORT ?? 4599)
export const e2e_base_url = `http://127.0.0.1:${e2e_port}`
/** Where the end-to-end host's card host takes ISO 8583 connections from terminals. */
export const e2e_iso_port = Number(process.env.CENTAVO_E2E_ISO_PORT ?? 4598)
/** Fixed, so tests find the demo credentials the host writes next to the database. */
export const e2e_db_path = join(process.env.CENTAVO_E2E_DIR ?? join(tmpdir(), 'centavo-e2e'), 'centavo.db')
export const e2e_demo_file = `${e2e_db_path}.demo.json`
