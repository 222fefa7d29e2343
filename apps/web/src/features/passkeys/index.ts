export { PasskeySettings } from './PasskeySettings';
export { passkeyApi } from './passkey-api';
