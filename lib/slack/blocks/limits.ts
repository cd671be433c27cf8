import type { Block } from "@/lib/slack/blocks/types";

/** Block Kit limits (docs.slack.dev/reference/block-kit): Slack refuses a message or view beyond them. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  optionValue: 150,
  overflowOptions: 5,
  checkboxOptions: 10,
  selectOptions: 100,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  placeholder: 150,
  messageText: 40_000,
} as const;

type Obj = Record<string, unknown>;
const textOf = (t: unknown) => (t && typeof t === "object" && typeof (t as Obj).text === "string" ? ((t as Obj).text as string) : "");
const max = (problems: string[], where: string, value: string, limit: number) => {
  if (value.length > limit) problems.push(`${where}: ${value.length} characters (max ${limit})`);
};

function checkOptions(problems: string[], where: string, options: unknown, limit: number, min = 1) {
  const list = Array.isArray(options) ? (options as Obj[]) : [];
  if (list.length < min || list.length > limit) problems.push(`${where}: ${list.length} options (allowed ${min}–${limit})`);
  list.forEach((o, i) => {
    max(problems, `${where}.options[${i}].text`, textOf(o.text), LIMITS.optionText);
    max(problems, `${where}.options[${i}].value`, String(o.value ?? ""), LIMITS.optionValue);
    if (o.description) max(problems, `${where}.options[${i}].description`, textOf(o.description), LIMITS.optionText);
  });
}

function checkElement(problems: string[], where: string, el: Obj) {
  if (typeof el.action_id === "string") max(problems, `${where}.action_id`, el.action_id, LIMITS.actionId);
  if (el.placeholder) max(problems, `${where}.placeholder`, textOf(el.placeholder), LIMITS.placeholder);
  if (el.confirm) {
    const c = el.confirm as Obj;
    max(problems, `${where}.confirm.title`, textOf(c.title), LIMITS.confirmTitle);
    max(problems, `${where}.confirm.text`, textOf(c.text), LIMITS.confirmText);
    max(problems, `${where}.confirm.confirm`, textOf(c.confirm), LIMITS.confirmButton);
    max(problems, `${where}.confirm.deny`, textOf(c.deny), LIMITS.confirmButton);
  }
  switch (el.type) {
    case "button":
      max(problems, `${where}.text`, textOf(el.text), LIMITS.buttonText);
      max(problems, `${where}.value`, String(el.value ?? ""), LIMITS.buttonValue);
      break;
    case "overflow":
      checkOptions(problems, where, el.options, LIMITS.overflowOptions, 2);
      break;
    case "checkboxes":
      checkOptions(problems, where, el.options, LIMITS.checkboxOptions);
      break;
    case "static_select":
    case "multi_static_select":
      checkOptions(problems, where, el.options, LIMITS.selectOptions);
      break;
  }
}

function checkBlock(problems: string[], where: string, block: Block) {
  const b = block as Obj;
  if (typeof b.block_id === "string") max(problems, `${where}.block_id`, b.block_id, LIMITS.blockId);
  switch (b.type) {
    case "section": {
      if (b.text) max(problems, `${where}.text`, textOf(b.text), LIMITS.sectionText);
      const fields = Array.isArray(b.fields) ? (b.fields as Obj[]) : [];
      if (fields.length > LIMITS.sectionFields) problems.push(`${where}.fields: ${fields.length} (max ${LIMITS.sectionFields})`);
      fields.forEach((f, i) => max(problems, `${where}.fields[${i}]`, textOf(f), LIMITS.fieldText));
      if (!b.text && !fields.length) problems.push(`${where}: a section needs text or fields`);
      if (b.accessory) checkElement(problems, `${where}.accessory`, b.accessory as Obj);
      break;
    }
    case "header":
      max(problems, `${where}.text`, textOf(b.text), LIMITS.headerText);
      break;
    case "context": {
      const elements = Array.isArray(b.elements) ? (b.elements as Obj[]) : [];
      if (!elements.length || elements.length > LIMITS.contextElements) problems.push(`${where}.elements: ${elements.length} (allowed 1–${LIMITS.contextElements})`);
      elements.forEach((e, i) => max(problems, `${where}.elements[${i}]`, textOf(e), LIMITS.sectionText));
      break;
    }
    case "actions": {
      const elements = Array.isArray(b.elements) ? (b.elements as Obj[]) : [];
      if (!elements.length || elements.length > LIMITS.actionsElements) problems.push(`${where}.elements: ${elements.length} (allowed 1–${LIMITS.actionsElements})`);
      elements.forEach((e, i) => checkElement(problems, `${where}.elements[${i}]`, e));
      break;
    }
    case "input":
      max(problems, `${where}.label`, textOf(b.label), LIMITS.inputLabel);
      if (b.hint) max(problems, `${where}.hint`, textOf(b.hint), LIMITS.inputLabel);
      checkElement(problems, `${where}.element`, (b.element ?? {}) as Obj);
      break;
    case "divider":
      break;
    default:
      problems.push(`${where}: unexpected block type ${String(b.type)}`);
  }
}

function checkBlocks(problems: string[], blocks: unknown, limit: number) {
  const list = Array.isArray(blocks) ? (blocks as Block[]) : [];
  if (list.length > limit) problems.push(`blocks: ${list.length} (max ${limit})`);
  const ids = new Set<string>();
  list.forEach((block, i) => {
    if (typeof block.block_id === "string") {
      if (ids.has(block.block_id)) problems.push(`blocks[${i}].block_id "${block.block_id}" is repeated`);
      ids.add(block.block_id);
    }
    checkBlock(problems, `blocks[${i}]`, block);
  });
}

/** Every way a message breaks Slack's limits; an empty list means Slack accepts it. */
export function messageProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof message.text === "string") max(problems, "text", message.text, LIMITS.messageText);
  checkBlocks(problems, message.blocks, LIMITS.messageBlocks);
  return problems;
}

/** Every way a modal or App Home view breaks Slack's limits. */
export function viewProblems(view: Obj): string[] {
  const problems: string[] = [];
  if (view.type === "modal") {
    max(problems, "title", textOf(view.title), LIMITS.viewTitle);
    if (!textOf(view.title)) problems.push("title: required for a modal");
    if (view.submit) max(problems, "submit", textOf(view.submit), LIMITS.viewButton);
    if (view.close) max(problems, "close", textOf(view.close), LIMITS.viewButton);
    const hasInput = Array.isArray(view.blocks) && (view.blocks as Obj[]).some((b) => b.type === "input");
    if (hasInput && !view.submit) problems.push("submit: required when a modal has inputs");
  } else if (view.type !== "home") {
    problems.push(`type: ${String(view.type)} is not a view type`);
  }
  if (typeof view.private_metadata === "string") max(problems, "private_metadata", view.private_metadata, LIMITS.privateMetadata);
  checkBlocks(problems, view.blocks, LIMITS.viewBlocks);
  return problems;
}
