export * from './consultation.module';
export * from './consultation.service';
export * from './consultation.policy';
export * from './adoption.service';
export * from './nota';
export * from './dto/consultation.dto';
