/** The bundled fictional family's five exports (fixtures/README.md), as a user would name them. */
export const FAMILY = [
  'fixtures/family/police.csv',
  'fixtures/family/health.csv',
  'fixtures/family/school.csv',
  'fixtures/family/social-care.csv',
  'fixtures/family/housing.yaml',
];
