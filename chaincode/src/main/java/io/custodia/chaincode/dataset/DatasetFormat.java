package io.custodia.chaincode.dataset;

/** Container or standard the dataset's files follow. */
public enum DatasetFormat {
    DICOM, NIFTI, FHIR, OMOP, CSV, PARQUET, VCF, FASTQ, BAM, EDF, WFDB, OTHER
}
