export { ConsultationAnswerPage, ConsultationPage, ConsultationsPage, NotaPage } from './ConsultationPages';
export { ConsultationTasks } from './ConsultationTasks';
