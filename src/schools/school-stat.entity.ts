import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { inList, Stage } from '../common/vocabulary';
import { Node, toGlobalId } from '../graphql/node';
import { DecimalScalar } from '../graphql/scalars';
import { DepartmentalRow } from '../ingestion/departmental-row';
import { School } from './school.entity';

/** Annual statistics of one stage of one school (dataset `school_stats`, education department). */
@ObjectType({ implements: Node })
@Entity('school_stats')
@Unique('school_stats_key', ['schoolCode', 'year', 'stage'])
@Index('school_stats_year_idx', ['year', 'stage'])
@Check('school_stats_stage_check', inList('stage', Stage))
@Check(
  'school_stats_counts_check',
  '"students" >= 0 AND "classes" >= 0 AND "max_class_size" >= 0 AND "multimedia_rooms" >= 0 AND "music_rooms" >= 0 AND "art_rooms" >= 0',
)
@Check(
  'school_stats_areas_check',
  '"teaching_aux_area_m2" >= 0 AND "sports_area_m2" >= 0 AND "equipment_value_yuan" >= 0 AND ("music_room_min_area_m2" IS NULL OR "music_room_min_area_m2" >= 0) AND ("art_room_min_area_m2" IS NULL OR "art_room_min_area_m2" >= 0)',
)
export class SchoolStat extends DepartmentalRow implements Node {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', name: 'id' })
  rowId: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('SchoolStat', this.rowId);
  }

  @Field()
  @Column({ type: 'text' })
  schoolCode: string;

  @ManyToOne(() => School, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'school_code', foreignKeyConstraintName: 'school_stats_school_fk' })
  school?: School;

  @Field(() => Int, { description: 'School year (the calendar year it starts)' })
  @Column({ type: 'integer' })
  year: number;

  @Field(() => Stage)
  @Column({ type: 'text' })
  stage: Stage;

  @Field(() => Int)
  @Column({ type: 'integer' })
  students: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  classes: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  maxClassSize: number;

  @Field(() => DecimalScalar, { description: 'Teaching and auxiliary floor area, m² (教学及辅助用房面积)' })
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  teachingAuxAreaM2: string;

  @Field(() => DecimalScalar, { description: 'Sports ground and hall area, m² (体育运动场馆面积)' })
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  sportsAreaM2: string;

  @Field(() => DecimalScalar, { description: 'Teaching equipment value, yuan (教学仪器设备值)' })
  @Column({ type: 'numeric', precision: 16, scale: 2 })
  equipmentValueYuan: string;

  @Field(() => Int, { description: 'Networked multimedia classrooms (网络多媒体教室)' })
  @Column({ type: 'integer' })
  multimediaRooms: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  musicRooms: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Area of the smallest music room, m²' })
  @Column({ type: 'numeric', precision: 10, scale: 2, nullable: true })
  musicRoomMinAreaM2: string | null;

  @Field(() => Int)
  @Column({ type: 'integer' })
  artRooms: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Area of the smallest art room, m²' })
  @Column({ type: 'numeric', precision: 10, scale: 2, nullable: true })
  artRoomMinAreaM2: string | null;
}
