export * from './access.module';
export * from './actor';
export * from './authorization.service';
export * from './permissions';
export * from './membership-changes';
export * from './workgroup-scope.reader';
