/**
 * Levels of a cloud's hierarchy or of a company that billing exports carry no column for: Azure
 * management groups, business units, departments, divisions, organizational units. A question
 * grouped or filtered by one is declined, saying what Penny can split by: "business unit" taken
 * for team would answer a breakdown nobody asked for. (Azure resource groups are read from each
 * row's ResourceId: the ResourceGroup dimension.) Said as a tag ("by the BusinessUnit tag", "department label"),
 * the level is a tag key and is left to the grouping words. "By workload" and "per group" name no
 * column either: both words are filler elsewhere ("the AI workload"), so read as a grouping they were
 * dropped and one total answered.
 */

/** What the answer can split by instead, for every level below. */
const INSTEAD =
  'I can split by sub account (subscription, project or account), billing account, team, cost center, environment, service, resource or Azure resource group, or by any tag by its key (e.g. "by tag BusinessUnit").';

/** Not after or before a tag word: "tag business_unit", "the department label" name a tag key. */
const NOT_A_TAG = (level: string) => new RegExp(`(?<!\\b(?:tags?|labels?)\\s+["'\`]?)\\b(?:${level})\\b(?!["'\`]?\\s+(?:tags?|labels?|keys?)\\b)`);

const LEVELS: Array<[RegExp, string]> = [
  [NOT_A_TAG('management\\s+groups?'), 'Azure management groups are not a column of the FOCUS exports.'],
  [NOT_A_TAG('organi[sz]ational\\s+units?'), 'Organizational units are not a column of the FOCUS exports.'],
  [
    NOT_A_TAG('business[\\s-]units?|departments?|divisions?'),
    'No business unit, department or division is recorded: teams are read from the team or owner tag, and cost centers from the cost-center tag.',
  ],
  [NOT_A_TAG('(?:by|per|each|every)\\s+(?:the\\s+|our\\s+)?(?:workloads?|groups?)'), 'No workload or group is recorded as such: name the grouping (a team, a feature, a service, a tag).'],
];

/** The refusal for a level the exports do not carry, or null when the question names none. */
export function unrecordedLevel(text: string): string | null {
  const level = LEVELS.find(([re]) => re.test(text));
  return level ? `${level[1]} ${INSTEAD}` : null;
}
