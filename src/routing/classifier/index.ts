export { classifyTask } from './classify-task.js';
export type { ClassifyTaskOptions, TaskClassification } from './classify-task.js';
export { parseTaskFamily, TASK_FAMILIES } from './task-family.js';
export type { TaskFamily } from './task-family.js';
