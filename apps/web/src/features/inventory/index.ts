export { InventoriesPage, InventoryPage, InventoryPrintPage } from './InventoryPages';
export { ResponsePage } from './ResponsePage';
export { InventoryTasks } from './InventoryTasks';
