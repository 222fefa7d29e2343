export * from './strategy-api';
export * from './StrategyForm';
export * from './StrategySwitch';
export * from './ThemesEditor';
export { RichText, RichTextField, richTextPlain } from './RichText';
