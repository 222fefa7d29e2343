export { SsoPanel } from './SsoPanel';
export { ssoApi, parseDomains } from './sso-api';
