/** Vault-wide settings, as text (JSON where structured): a table of the embedded engine (data/sqlcipher/settings.ts). */
export { deleteSetting, getSetting, setSetting } from '../data/sqlcipher/settings';
