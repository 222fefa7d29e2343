export * from './actions.module';
export * from './action.service';
export * from './action.model';
export * from './dto/action.dto';
export * from './action-events';
