# mk/mpi.mk — the MPI build and its tests.
#
#   make MPI=1       ./regiosim built with Open MPI (objects in build/mpi)
#   make check-mpi   the plain ./regiosim against build/mpi/regiosim under
#                    mpirun -np 1 … 4: byte-identical results, and failures
#                    that end the whole job (tests/mpi/run.sh)
# MPI_DEBS (in the Makefile) are installed by 'make deps MPI=1', which
# check-mpi runs.

.PHONY: check-mpi mpi-deps

mpi-deps:
	@$(MAKE) --no-print-directory deps MPI=1

check-mpi: mpi-deps
	@$(MAKE) --no-print-directory -j$(JOBS) regiosim
	@$(MAKE) --no-print-directory -j$(JOBS) MPI=1 build/mpi/regiosim
	sh tests/mpi/run.sh ./regiosim build/mpi/regiosim
