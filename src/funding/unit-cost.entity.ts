import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Stage, inList } from '../common/vocabulary';
import { DecimalScalar } from '../graphql/scalars';
import { DepartmentalRow } from '../ingestion/departmental-row';

/**
 * What a unit cost prices: one R indicator's unit (docs/planning.md). Equipment (R6) has none: the indicator counts
 * yuan of equipment, priced at face value by definition.
 */
export enum UnitCostItem {
  TEACHER_DEGREE = 'teacher_degree',
  TEACHER_BACKBONE = 'teacher_backbone',
  TEACHER_PE_ARTS = 'teacher_pe_arts',
  TEACHING_SPACE = 'teaching_space',
  SPORTS_GROUND = 'sports_ground',
  MULTIMEDIA_CLASSROOM = 'multimedia_classroom',
}

/** The unit a delivered cost is per: it must be the item's (a file priced per teacher-month is refused). */
export enum UnitCostUnit {
  PER_TEACHER_YEAR = 'yuan_per_teacher_year',
  PER_M2 = 'yuan_per_m2',
  PER_CLASSROOM = 'yuan_per_classroom',
}

/** The item's indicator and unit. */
export const UNIT_COST_ITEMS: Readonly<Record<UnitCostItem, { code: 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R7'; unit: UnitCostUnit }>> = {
  [UnitCostItem.TEACHER_DEGREE]: { code: 'R1', unit: UnitCostUnit.PER_TEACHER_YEAR },
  [UnitCostItem.TEACHER_BACKBONE]: { code: 'R2', unit: UnitCostUnit.PER_TEACHER_YEAR },
  [UnitCostItem.TEACHER_PE_ARTS]: { code: 'R3', unit: UnitCostUnit.PER_TEACHER_YEAR },
  [UnitCostItem.TEACHING_SPACE]: { code: 'R4', unit: UnitCostUnit.PER_M2 },
  [UnitCostItem.SPORTS_GROUND]: { code: 'R5', unit: UnitCostUnit.PER_M2 },
  [UnitCostItem.MULTIMEDIA_CLASSROOM]: { code: 'R7', unit: UnitCostUnit.PER_CLASSROOM },
};

/**
 * A delivered unit cost (dataset `unit_costs`, finance department): yuan per unit of one item for one stage and
 * budget year, city-wide. Pricing uses the latest year at or before the evaluated one (docs/planning.md).
 */
@ObjectType({ description: 'A delivered unit cost: yuan per unit of one item for one stage and budget year (city-wide)' })
@Entity('unit_costs')
@Unique('unit_costs_key', ['year', 'item', 'stage'])
@Check('unit_costs_amount_check', '"amount_yuan" >= 0')
@Check('unit_costs_item_check', inList('item', UnitCostItem))
@Check('unit_costs_stage_check', inList('stage', Stage))
@Check('unit_costs_unit_check', inList('unit', UnitCostUnit))
@Check('unit_costs_note_length_check', 'char_length("note") <= 2000')
export class UnitCost extends DepartmentalRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  rowId: string;

  @Field(() => Int, { description: 'Budget year' })
  @Column({ type: 'integer' })
  year: number;

  @Field()
  @Column({ type: 'text' })
  item: string;

  @Field(() => Stage)
  @Column({ type: 'text' })
  stage: Stage;

  @Field(() => DecimalScalar, { description: 'Yuan per unit' })
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amountYuan: string;

  @Field()
  @Column({ type: 'text' })
  unit: string;

  @Field(() => String, { nullable: true, description: 'Where the figure comes from (a budget document, a cost standard)' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
