import type { SynonymTable } from './types.js';

/** Japanese: Salesforce, HubSpot, Jira and Backlog in Japanese, and Excel sheets. */
export const JA: SynonymTable = {
  id: ['要望id', '要望番号', 'キー', '課題キー', '番号', 'id'],
  title: ['機能要望', '要望', '要望名', '機能', '機能名', 'リクエスト', 'タイトル', '件名', '要約', '概要'],
  account: ['取引先', '取引先名', '会社', '会社名', '顧客', '顧客名', '企業名', '組織'],
  deal_value: ['金額', '金額 換算', '商談金額', '受注金額', '契約金額', '年間契約額', '売上', '売上高', 'arr'],
  segment: ['セグメント', '顧客セグメント', '顧客区分', 'ティア', '規模'],
  alignment: ['戦略適合度', '戦略整合性', '戦略適合'],
  effort: ['工数', '工数見積', '見積', '規模感', 'サイズ', '難易度'],
  status: ['ステータス', '状態', '状況'],
  notes: ['メモ', '備考', '説明', '詳細', 'コメント'],
  feature_link: ['機能要望', '機能', '機能名'],
  request_id: ['要望id', '要望番号'],
  owner: ['取引先 所有者', '所有者', '担当者', '営業担当'],
  created_date: ['作成日', '作成日時', '登録日'],
  deal: ['商談名', '商談', '取引名'],
  stage: ['フェーズ', '商談フェーズ', 'ステージ', '結果'],
  close_date: ['完了予定日', 'クローズ日', '成約日'],
  reason: ['失注理由', '理由'],
};
