export { ChangePasswordForm } from './ChangePasswordForm';
export { ForgotPasswordPage } from './ForgotPasswordPage';
export { InvitationPanel, InvitationResult } from './InvitationPanel';
export { InvitationPage, ResetPasswordPage } from './SetPasswordPage';
export { MfaResetPanel } from './MfaResetPanel';
export { MfaSettings } from './MfaSettings';
export { MfaStep } from './MfaStep';
export { SessionsSettings } from './SessionsSettings';
export { accountApi } from './account-api';
