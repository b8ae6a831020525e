/**
 * Files the jobs read and write beside Spark: {@link dev.treue.training.files.Location}, one file
 * or folder on the local disk or any Hadoop file system ({@code hdfs://}, {@code s3a://}), and
 * {@link dev.treue.training.files.FileTrees} for the local folder trees the jobs stage and replace.
 */
package dev.treue.training.files;
