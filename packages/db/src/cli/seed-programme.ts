// `pnpm db:seed:programme`: on PostgreSQL (DATABASE_URL), migrates, seeds the demo programme if the
// database is empty, then the programme at scale (15,000 learners, 900 groups, a year of activity).
// Best in a database of its own: `createdb tremplin_programme` and point DATABASE_URL at it.
import { migrate, openDatabase, seedDemoProgramme } from '../index.ts';
import { FULL_PROGRAMME, programmeSeeded, seedProgramme } from '../seed/programme.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('db:seed:programme needs PostgreSQL: set DATABASE_URL (a database of its own is best).');
  process.exit(1);
}
const database = await openDatabase({ url, poolSize: 2 });
try {
  await migrate(database);
  await seedDemoProgramme(database.db);
  if (await programmeSeeded(database.db)) {
    console.log('The programme is already seeded in this database: nothing done.');
  } else {
    console.log(
      `Seeding ${FULL_PROGRAMME.students} students in ${FULL_PROGRAMME.groups} groups, ${FULL_PROGRAMME.days} days of activity…`,
    );
    await seedProgramme(database.db, FULL_PROGRAMME, (line) => console.log(`  ${line}`));
  }
} finally {
  await database.close();
}
