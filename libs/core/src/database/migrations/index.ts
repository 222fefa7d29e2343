import { CreateOrganisationsAndUsers1763900000000 } from './1763900000000-create-organisations-and-users';
import { CreateAppendOnlyAuditLog1763900000001 } from './1763900000001-create-append-only-audit-log';
import { CreateStrategiesAndWorkgroups1763900000002 } from './1763900000002-create-strategies-and-workgroups';
import { CreateActions1763900000003 } from './1763900000003-create-actions';
import { CreateDocuments1763900000004 } from './1763900000004-create-documents';
import { CreateSessions1763900000005 } from './1763900000005-create-sessions';
import { CreateKnowledgeBase1763900000006 } from './1763900000006-create-knowledge-base';
import { CreateNotifications1763900000007 } from './1763900000007-create-notifications';
import { CreateDocumentCommentsAndVersions1763900000008 } from './1763900000008-create-document-comments-and-versions';
import { CreateReporting1763900000009 } from './1763900000009-create-reporting';
import { AddProgressReportNarrativeDocument1763900000010 } from './1763900000010-add-progress-report-narrative-document';
import { AllowMentionNotifications1763900000011 } from './1763900000011-allow-mention-notifications';
import { CreateUserPreferencesAndDigestDeliveries1763900000012 } from './1763900000012-create-user-preferences-and-digest-deliveries';
import { RegionVocabularyDistrictsAndFunctions1763900001400 } from './1763900001400-region-vocabulary-districts-and-functions';
import { StrategyTextsCurrentAndArchive1763900001410 } from './1763900001410-strategy-texts-current-and-archive';
import { WorkgroupCompositionRules1763900001420 } from './1763900001420-workgroup-composition-rules';
import { AddRowVersions1764750000000 } from './1764750000000-add-row-versions';
import { TrackProgressReportFieldVersions1764750000001 } from './1764750000001-track-progress-report-field-versions';
import { CreateMfa1764800000000 } from './1764800000000-create-mfa';
import { CreateAccountTokensAndSessionActivity1763900001500 } from './1763900001500-create-account-tokens-and-session-activity';
import { SealClosedReportingCycles1764750000002 } from './1764750000002-seal-closed-reporting-cycles';
import { CreateSessionChanges1765030000000 } from './1765030000000-create-session-changes';
import { CreateSearchIndexes1765010000000 } from './1765010000000-create-search-indexes';
import { CreateInventoriesAndFinance1765050000000 } from './1765050000000-create-inventories-and-finance';
import { LoginFailuresPerSource1765090000000 } from './1765090000000-login-failures-per-source';
import { StoredSearchVectors1765090000001 } from './1765090000001-stored-search-vectors';
import { SearchVectorsDoNotRaiseVersions1765090000002 } from './1765090000002-search-vectors-do-not-raise-versions';
import { StoredSearchWords1765110000000 } from './1765110000000-stored-search-words';
import { CreateFiles1765070000000 } from './1765070000000-create-files';
import { LinkAdoptionAndBodyQuestionsToBodies1765130000000 } from './1765130000000-link-adoption-and-body-questions-to-bodies';
import { CreateConsultationsBodiesAndAdoption1765060000000 } from './1765060000000-create-consultations-bodies-and-adoption';
import { CreateFollowsVisitsAndLoopNotifications1765020000000 } from './1765020000000-create-follows-visits-and-loop-notifications';
import { CreateWorkgroupDossiers1765080000000 } from './1765080000000-create-workgroup-dossiers';
import { EncryptTotpSecrets1765120000000 } from './1765120000000-encrypt-totp-secrets';
import { FilesAnswersSweepAndDossierJobs1765100000000 } from './1765100000000-files-answers-sweep-and-dossier-jobs';
import { ConsultationContacts1765140000000 } from './1765140000000-consultation-contacts';
import { CreateOidcSso1765120000001 } from './1765120000001-create-oidc-sso';
import { WorkgroupKindsAndOptionalTheme1765160000000 } from './1765160000000-workgroup-kinds-and-optional-theme';
import { CarryOverProgressReports1765150000000 } from './1765150000000-carry-over-progress-reports';
import { RapporteursAndSubmittingOnBehalf1765193000000 } from './1765193000000-rapporteurs-and-submitting-on-behalf';
import { RichStrategyTexts1765193000100 } from './1765193000100-rich-strategy-texts';
import { VersionRegionAndDistricts1765192000000 } from './1765192000000-version-region-and-districts';
import { ContactPersonNotifications1765191000000 } from './1765191000000-contact-person-notifications';
import { BodyMeetingGuestsAndListVersions1765191000001 } from './1765191000001-body-meeting-guests-and-list-versions';
import { CreateOidcSessions1765190000000 } from './1765190000000-create-oidc-sessions';
import { CreatePasskeys1765190000001 } from './1765190000001-create-passkeys';

/** Every migration, in order. Reviewed by hand; run at start-up. */
export const migrations = [
  CreateOrganisationsAndUsers1763900000000,
  CreateAppendOnlyAuditLog1763900000001,
  CreateStrategiesAndWorkgroups1763900000002,
  CreateActions1763900000003,
  CreateDocuments1763900000004,
  CreateSessions1763900000005,
  CreateKnowledgeBase1763900000006,
  CreateNotifications1763900000007,
  CreateDocumentCommentsAndVersions1763900000008,
  CreateReporting1763900000009,
  AddProgressReportNarrativeDocument1763900000010,
  AllowMentionNotifications1763900000011,
  CreateUserPreferencesAndDigestDeliveries1763900000012,
  RegionVocabularyDistrictsAndFunctions1763900001400,
  StrategyTextsCurrentAndArchive1763900001410,
  WorkgroupCompositionRules1763900001420,
  AddRowVersions1764750000000,
  TrackProgressReportFieldVersions1764750000001,
  CreateMfa1764800000000,
  CreateAccountTokensAndSessionActivity1763900001500,
  SealClosedReportingCycles1764750000002,
  CreateSessionChanges1765030000000,
  CreateSearchIndexes1765010000000,
  CreateInventoriesAndFinance1765050000000,
  LoginFailuresPerSource1765090000000,
  StoredSearchVectors1765090000001,
  SearchVectorsDoNotRaiseVersions1765090000002,
  StoredSearchWords1765110000000,
  CreateFiles1765070000000,
  CreateConsultationsBodiesAndAdoption1765060000000,
  CreateFollowsVisitsAndLoopNotifications1765020000000,
  CreateWorkgroupDossiers1765080000000,
  LinkAdoptionAndBodyQuestionsToBodies1765130000000,
  EncryptTotpSecrets1765120000000,
  FilesAnswersSweepAndDossierJobs1765100000000,
  ConsultationContacts1765140000000,
  CreateOidcSso1765120000001,
  WorkgroupKindsAndOptionalTheme1765160000000,
  CarryOverProgressReports1765150000000,
  RapporteursAndSubmittingOnBehalf1765193000000,
  RichStrategyTexts1765193000100,
  VersionRegionAndDistricts1765192000000,
  ContactPersonNotifications1765191000000,
  BodyMeetingGuestsAndListVersions1765191000001,
  CreateOidcSessions1765190000000,
  CreatePasskeys1765190000001,
];
