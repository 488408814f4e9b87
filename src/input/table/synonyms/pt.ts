import type { SynonymTable } from './types.js';

/** Portuguese: Salesforce, HubSpot, Pipedrive and Jira in Portuguese (Brazil and Portugal), and spreadsheets. */
export const PT: SynonymTable = {
  id: ['id da solicitacao', 'identificador', 'chave', 'referencia', 'numero'],
  title: [
    'solicitacao de funcionalidade',
    'funcionalidade solicitada',
    'funcionalidade',
    'solicitacao',
    'pedido',
    'titulo',
    'resumo',
    'assunto',
  ],
  account: ['conta', 'nome da conta', 'cliente', 'nome do cliente', 'empresa', 'nome da empresa', 'organizacao'],
  deal_value: ['valor', 'valor convertido', 'valor do negocio', 'valor da oportunidade', 'valor do contrato', 'receita', 'montante'],
  segment: ['segmento', 'segmento de cliente', 'segmento de mercado', 'nivel'],
  alignment: ['alinhamento estrategico', 'alinhamento'],
  effort: ['esforco', 'estimativa', 'tamanho', 'complexidade'],
  status: ['status', 'estado', 'situacao'],
  notes: ['notas', 'descricao', 'comentarios', 'caso de uso'],
  feature_link: ['solicitacao de funcionalidade', 'funcionalidade solicitada', 'funcionalidade'],
  request_id: ['id da solicitacao'],
  owner: ['proprietario da conta', 'proprietario', 'responsavel'],
  created_date: ['data de criacao', 'criado em', 'data'],
  deal: ['nome da oportunidade', 'oportunidade', 'negocio', 'titulo do negocio'],
  stage: ['fase', 'etapa', 'resultado'],
  close_date: ['data de fechamento', 'data de encerramento'],
  reason: ['motivo da perda', 'motivo'],
};
