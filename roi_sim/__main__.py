from roi_sim.cli.app import main

main()
