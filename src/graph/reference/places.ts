/** Turns zones.csv city/province cells into Place nodes and their PART_OF chain. */
import { type Evidence, nodeRef } from '../facts.ts';
import type { FactCollector } from './fact-collector.ts';
import type { ZoneRow } from './rows.ts';
import { slug } from './sources.ts';

export interface PlaceSpec {
  key: string;
  name: string;
  kind: string;
  /** Key of the Place it is PART_OF; none for a province-level division. */
  parent?: string;
}

/** From data/reference/curation.json: which names are not plain provinces or plain cities. */
export interface PlaceCuration {
  /** Province-level name → kind ('municipality', 'autonomous-region'); others are provinces. */
  provinceLevelKinds: ReadonlyMap<string, string>;
  /** Bracketed names in a city cell that are prefectures (→ their kind), not county-level places. */
  prefecturesInBrackets: ReadonlyMap<string, string>;
}

/**
 * Key rules:
 * - province-level divisions: slug of the English name (`guangdong`, `inner-mongolia`); a municipality
 *   is one Place serving as both city and province (`beijing`).
 * - cities: slug of the English name (`wuhan`, `huaian`); a city spelled like a province-level division
 *   it is not gets `-city` (`jilin-city` in Jilin province).
 * - homonymous cities, written with their province in brackets ("Fuzhou (Fujian)", "Fuzhou (Jiangxi)",
 *   "Yulin (Shaanxi)", "Taizhou (Jiangsu)"), follow the zone ids, which already tell them apart
 *   (`fuzhou` for Fujian, `fuzhou-jiangxi`, `yulin-shaanxi`): the city keeps the bare slug only if one
 *   of its zones has that bare id, otherwise it is `<city>-<province>`.
 * - county-level places in brackets ("Suzhou (Kunshan)"): slug of their name, PART_OF the city; a
 *   bracket that names a prefecture ("Yanji (Yanbian)") is the other way round.
 * Two different places landing on one key is an error, never a silent merge.
 */
/** places.csv: a place's Chinese name and GB/T 2260 code, by English name and the English name of its parent. */
export interface PlaceNames {
  lookup(name: string, parentName: string): { nameZh: string; adminCode: string; kind?: string } | undefined;
  /** The evidence for a name and code of places.csv (its Source, with a note: a code list has no sentence). */
  evidence(name: string, parentName: string): Evidence[];
}

export class PlaceIndex {
  private readonly specs = new Map<string, PlaceSpec>();
  private readonly provinceKeys: Set<string>;
  /** Homonymous cities ("Fuzhou|Fujian") one of whose zones has the city's bare slug as its id. */
  private readonly homonymsKeepingBareKey: Set<string>;

  constructor(
    private readonly facts: FactCollector,
    private readonly curation: PlaceCuration,
    zones: ZoneRow[],
    private readonly names?: PlaceNames,
  ) {
    this.provinceKeys = new Set(zones.map((zone) => slug(zone.province)));
    this.homonymsKeepingBareKey = new Set(
      zones
        .map((zone) => ({ zone, city: parseCityCell(zone.city) }))
        .filter(({ zone, city }) => city.qualifier === zone.province && zone.id === slug(city.name))
        .map(({ zone, city }) => `${city.name}|${zone.province}`),
    );
  }

  /**
   * Resolves a zone row's city and province cells into its places, most specific first and ending at the
   * province-level division, emitting them with the row's evidence.
   */
  placesOfZone(row: ZoneRow, rowEvidence: Evidence[]): PlaceSpec[] {
    const chain = this.chainOf(row.city, row.province);
    const nameOf = new Map(chain.map((spec) => [spec.key, spec.name]));
    for (const spec of chain) this.emit(spec, rowEvidence, spec.parent ? nameOf.get(spec.parent) : 'China');
    return chain;
  }

  /** The city Place a company row names: one already met among the zones, matched by English name. */
  cityNamed(name: string): PlaceSpec {
    const matches = [...this.specs.values()].filter(
      (spec) => spec.name === name && (spec.kind === 'city' || spec.kind === 'municipality'),
    );
    if (matches.length !== 1) {
      throw new Error(
        `City "${name}" matches ${matches.length} places of the zone table; expected exactly one`,
      );
    }
    return matches[0] as PlaceSpec;
  }

  private chainOf(cityCell: string, provinceName: string): PlaceSpec[] {
    const province = this.provinceSpec(provinceName);
    const { name, qualifier } = parseCityCell(cityCell);

    const prefectureKind =
      qualifier === undefined ? undefined : this.curation.prefecturesInBrackets.get(qualifier);
    if (qualifier !== undefined && prefectureKind !== undefined) {
      const prefecture: PlaceSpec = {
        key: this.cityKey(qualifier),
        name: qualifier,
        kind: prefectureKind,
        parent: province.key,
      };
      const county: PlaceSpec = { key: slug(name), name, kind: 'county-level', parent: prefecture.key };
      return [county, prefecture, province];
    }

    if (name === provinceName && province.kind === 'municipality') {
      if (qualifier === undefined) return [province];
      return [
        { key: slug(qualifier), name: qualifier, kind: 'county-level', parent: province.key },
        province,
      ];
    }

    const isHomonymQualifier = qualifier === provinceName;
    const city: PlaceSpec = {
      key: isHomonymQualifier ? this.homonymCityKey(name, provinceName) : this.cityKey(name),
      name,
      kind: name.endsWith(' New Area') ? 'new-area' : 'city',
      parent: province.key,
    };
    if (qualifier === undefined || isHomonymQualifier) return [city, province];
    return [
      { key: slug(qualifier), name: qualifier, kind: 'county-level', parent: city.key },
      city,
      province,
    ];
  }

  private provinceSpec(name: string): PlaceSpec {
    return { key: slug(name), name, kind: this.curation.provinceLevelKinds.get(name) ?? 'province' };
  }

  /** A city spelled like a province-level division (Jilin city, Jilin province) gets `-city`. */
  private cityKey(name: string): string {
    const key = slug(name);
    return this.provinceKeys.has(key) ? `${key}-city` : key;
  }

  private homonymCityKey(name: string, provinceName: string): string {
    return this.homonymsKeepingBareKey.has(`${name}|${provinceName}`)
      ? this.cityKey(name)
      : `${slug(name)}-${slug(provinceName)}`;
  }

  private emit(spec: PlaceSpec, rowEvidence: Evidence[], parentName = 'China'): void {
    const known = this.specs.get(spec.key);
    if (known && JSON.stringify(known) !== JSON.stringify(spec)) {
      throw new Error(
        `Place key ${spec.key} would name two places: ${JSON.stringify(known)} and ${JSON.stringify(spec)}; ` +
          'qualify the city cell with its province, e.g. "Yulin (Guangxi)"',
      );
    }
    this.specs.set(spec.key, spec);
    const named = this.names?.lookup(spec.name, parentName);
    this.facts.addNode({
      label: 'Place',
      key: spec.key,
      name: spec.name,
      ...(named && { nameZh: named.nameZh }),
      // GB/T 2260's kind where the table's cells cannot tell it (Chuxiong is a 自治州, Xiantao a county-level
      // city, Yangling a district): the kind follows the code list, not the cell's shape.
      properties: { kind: named?.kind ?? spec.kind, ...(named && { adminCode: named.adminCode }) },
      evidence: [...rowEvidence, ...(named ? (this.names?.evidence(spec.name, parentName) ?? []) : [])],
    });
    if (spec.parent) {
      this.facts.addRelation(
        'PART_OF',
        nodeRef('Place', spec.key),
        nodeRef('Place', spec.parent),
        rowEvidence,
      );
    }
  }
}

/** "Suzhou (Kunshan)" → { name: "Suzhou", qualifier: "Kunshan" }; "Wuhan" → { name: "Wuhan" }. */
function parseCityCell(text: string): { name: string; qualifier?: string } {
  const match = /^(.*?)\s*\(([^)]+)\)$/.exec(text);
  if (!match) return { name: text };
  return { name: (match[1] as string).trim(), qualifier: (match[2] as string).trim() };
}
