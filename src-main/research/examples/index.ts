/** The saved queries offered by the CLI (`--example <id>`) and the Research view. */
import { FIRST_FIVE_MINUTES_SQL } from './first-five-minutes';

export interface ResearchExample {
  id: string;
  title: string;
  description: string;
  sql: string;
}

export const RESEARCH_EXAMPLES: readonly ResearchExample[] = [
  {
    id: 'first-five-minutes',
    title: 'Spread and depth, first five minutes',
    description: 'Average spread (in dollars and basis points) and book depth from 09:30 to 09:35 ET of every recorded symbol and day, with its scanner gap % where the scanner listed it.',
    sql: FIRST_FIVE_MINUTES_SQL,
  },
];

export const exampleById = (id: string): ResearchExample | undefined => RESEARCH_EXAMPLES.find((e) => e.id === id);
