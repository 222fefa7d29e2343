export { clearStoredDraft, storedDraft, UnsavedChangesGuard, useFormGuard, useGuardedForm } from './form-guard';
export { changedFields, useVersionedSave } from './versioned-save';
export type { FieldValues } from './versioned-save';
