import type { Role } from '../../../shared/domain/ids';
import { addHubUser, initHub, parseHubAddress, requireCaPem, type HubAddress, type HubLogin } from '../data/postgres/hub';
import { requirePassphraseStrength } from '../vault/vault';

/**
 * Hub mode's administration: setting a hub up on a PostgreSQL server and adding
 * its users. The server enforces who may do what (data/postgres/access.ts);
 * these apply the same input rules as the vault's commands before anything is
 * sent to it.
 */
export { hubUserNameProblem } from '../data/postgres/access';
export { parseHubAddress, requireCaPem, type HubAddress, type HubLogin };

/** The server's administrator sets up the hub and its first program manager. */
export function setUpHub(admin: HubLogin, manager: { name: string; password: string }): Promise<{ version: number; manager: string }> {
  requirePassphraseStrength(manager.password, manager.name);
  return initHub(admin, { manager });
}

/** A program manager adds a hub user with an Offramp role. */
export function addUserToHub(manager: HubLogin, user: { name: string; role: Role; password: string }): Promise<{ name: string; role: Role }> {
  requirePassphraseStrength(user.password, user.name);
  return addHubUser(manager, user);
}
