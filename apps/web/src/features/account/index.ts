export { ChangePasswordForm } from './ChangePasswordForm';
export { ForgotPasswordPage } from './ForgotPasswordPage';
export { InvitationPanel, InvitationResult } from './InvitationPanel';
export { InvitationPage, ResetPasswordPage } from './SetPasswordPage';
