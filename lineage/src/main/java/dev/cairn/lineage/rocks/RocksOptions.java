package dev.cairn.lineage.rocks;

import java.util.EnumSet;
import java.util.Set;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;

/**
 * The RocksDB options of a lineage store, closed with it: one LRU block cache shared by every
 * column family, whole-key bloom filters on the column families read by point lookups, and a
 * bounded write-ahead log, so a process that opens the store after another wrote to it replays
 * little.
 */
final class RocksOptions implements AutoCloseable {
  /** The block cache shared by all column families. */
  static final long BLOCK_CACHE_BYTES = 128L << 20;

  /** Memtables across all column families; past this the largest is flushed. */
  static final long WRITE_BUFFERS_BYTES = 64L << 20;

  /**
   * The log is kept until every column family whose writes it holds has flushed them; past this
   * size the column families holding the oldest log are flushed, so that rarely written ones (the
   * counters, the types) do not keep the whole log alive.
   */
  static final long MAX_WAL_BYTES = 64L << 20;

  private static final int BLOOM_BITS_PER_KEY = 10;

  /** Column families read mostly by key; the others are read by prefix scans. */
  private static final Set<Cf> POINT_LOOKUPS =
      EnumSet.of(
          Cf.META,
          Cf.ARTIFACT_TYPES,
          Cf.EXECUTION_TYPES,
          Cf.CONTEXT_TYPES,
          Cf.ARTIFACTS,
          Cf.EXECUTIONS,
          Cf.CONTEXTS,
          Cf.TYPE_NAMES,
          Cf.NODE_NAMES,
          Cf.EXTERNAL_IDS,
          Cf.CONTEXT_ARTIFACT_NAMES);

  private final LRUCache cache = new LRUCache(BLOCK_CACHE_BYTES);
  private final BloomFilter bloom = new BloomFilter(BLOOM_BITS_PER_KEY);
  final DBOptions db =
      new DBOptions()
          .setCreateIfMissing(true)
          .setCreateMissingColumnFamilies(true)
          .setDbWriteBufferSize(WRITE_BUFFERS_BYTES)
          .setMaxTotalWalSize(MAX_WAL_BYTES);
  private final ColumnFamilyOptions pointLookups = columnFamily(true);
  private final ColumnFamilyOptions scans = columnFamily(false);

  ColumnFamilyOptions of(Cf cf) {
    return POINT_LOOKUPS.contains(cf) ? pointLookups : scans;
  }

  private ColumnFamilyOptions columnFamily(boolean withBloom) {
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true);
    if (withBloom) {
      table.setFilterPolicy(bloom);
    }
    return new ColumnFamilyOptions().setTableFormatConfig(table);
  }

  @Override
  public void close() {
    pointLookups.close();
    scans.close();
    db.close();
    bloom.close();
    cache.close();
  }
}
