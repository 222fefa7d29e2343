export * from './sessions.module';
export * from './session.service';
export * from './agenda.service';
export * from './decision.service';
export * from './session.model';
export * from './session-calendar';
export * from './session-export';
export * from './dto/session.dto';
