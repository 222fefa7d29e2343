export * from './strategy-api';
export * from './StrategyForm';
export * from './StrategySwitch';
export * from './ThemesEditor';
