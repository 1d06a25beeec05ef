# Reads the hub's SDMX structure and data with R's rsdmx, a client the hub did not write,
# and prints what it found as CSV sections for test/interop/rsdmx.test.ts to compare with
# GraphQL. Usage: Rscript test/interop/rsdmx.R http://127.0.0.1:4000
suppressPackageStartupMessages(library(rsdmx))
base <- commandArgs(trailingOnly = TRUE)[1]

flows <- as.data.frame(readSDMX(paste0(base, "/sdmx/dataflow/IPZONE/FIGURES/1.0")))
structure <- readSDMX(paste0(base, "/sdmx/datastructure/IPZONE/IPZONE_FIGURES/1.0"))
indicators <- as.data.frame(slot(structure, "codelists"), codelistId = "CL_INDICATOR")
dsd <- slot(slot(structure, "datastructures"), "datastructures")[[1]]
dimensions <- sapply(slot(slot(dsd, "Components"), "Dimensions"), function(d) slot(d, "conceptRef"))

data <- readSDMX(paste0(base, "/sdmx/data/IPZONE,FIGURES,1.0/all"))
observations <- as.data.frame(data)

cat("## dataflows\n"); write.csv(flows[, c("id", "agencyID", "version")], stdout(), row.names = FALSE)
cat("## dimensions\n"); write.csv(data.frame(id = dimensions), stdout(), row.names = FALSE)
cat("## indicators\n"); write.csv(indicators[, c("id", "name.zh", "name.en")], stdout(), row.names = FALSE)
cat("## observations\n"); write.csv(observations, stdout(), row.names = FALSE)
