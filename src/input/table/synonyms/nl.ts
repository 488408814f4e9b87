import type { SynonymTable } from './types.js';

/** Dutch: Salesforce, HubSpot and Jira in Dutch, and spreadsheets. */
export const NL: SynonymTable = {
  id: ['verzoek id', 'sleutel', 'kenmerk', 'nummer', 'referentie'],
  title: ['functieverzoek', 'featureverzoek', 'gevraagde functie', 'functie', 'verzoek', 'wens', 'titel', 'samenvatting', 'onderwerp'],
  account: ['account', 'accountnaam', 'klant', 'klantnaam', 'bedrijf', 'bedrijfsnaam', 'organisatie'],
  deal_value: ['bedrag', 'bedrag omgerekend', 'dealwaarde', 'contractwaarde', 'omzet', 'waarde'],
  segment: ['segment', 'klantsegment', 'marktsegment', 'niveau'],
  alignment: ['strategische afstemming', 'strategische fit', 'afstemming'],
  effort: ['inspanning', 'schatting', 'grootte', 'omvang', 'complexiteit'],
  status: ['status', 'fase'],
  notes: ['notities', 'opmerkingen', 'beschrijving', 'use case'],
  feature_link: ['functieverzoek', 'featureverzoek', 'gevraagde functie', 'functie'],
  request_id: ['verzoek id'],
  owner: ['accounteigenaar', 'eigenaar'],
  created_date: ['aangemaakt', 'aanmaakdatum', 'datum'],
  deal: ['naam verkoopkans', 'verkoopkans', 'dealnaam', 'deal'],
  stage: ['fase', 'stadium', 'resultaat'],
  close_date: ['afsluitdatum', 'sluitingsdatum'],
  reason: ['reden verlies', 'verliesreden', 'reden'],
};
