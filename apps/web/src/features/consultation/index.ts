export { ConsultationAnswerPage, ConsultationPage, ConsultationsPage, NotaPage } from './ConsultationPages';
