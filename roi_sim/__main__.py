from roi_sim.cli import main

main()
